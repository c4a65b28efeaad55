import { UsageRecordSchema, type ProcedureInput, type ProcedureName, type ProcedureOutput, type UsageRecord } from '../../../shared/api'
import { callProcedure, type Dispatch } from '../dispatch'

export type Call = <R extends ProcedureName>(procedure: R, input: ProcedureInput<R>) => Promise<ProcedureOutput<R>>

/** A test's `call(procedure, input)` on services made later (in beforeAll): a failure throws the AuraError. */
export function caller(services: () => { dispatch: Dispatch }): Call {
  return (procedure, input) => callProcedure(services().dispatch, procedure, input)
}

/** Every record of the usage ledger, as the page's export gives it. */
export async function ledgerRecords(call: Call): Promise<UsageRecord[]> {
  const { content } = await call('usage.export', { format: 'jsonl' })
  return content
    .split('\n')
    .filter(Boolean)
    .map((line) => UsageRecordSchema.parse(JSON.parse(line)))
}
