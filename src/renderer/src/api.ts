// Type-only view of the contract: importing from here never pulls zod into the renderer bundle.
export type * from '../../shared/api'
