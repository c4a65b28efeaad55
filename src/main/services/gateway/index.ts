export { ApiSwitch } from './apiSwitch'
export { Gateway, type CoreReply, type CoreRequest, type GatewayDeps, type ListedModel } from './core'
export { AppKeys, type AppKey } from './keys'
export { startGateway, MAX_BODY_BYTES, type GatewayServer, type GatewayOptions } from './server'
