import { BlockList, isIPv4 } from 'node:net'
import { networkInterfaces } from 'node:os'

type Interfaces = ReturnType<typeof networkInterfaces>

/** Addresses only a local network uses: private ranges, link-local, VPNs' shared range, loopback. */
const LOCAL_RANGES = new BlockList()
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
  // Carrier-grade NAT, also what VPNs such as Tailscale number their computers with.
  ['100.64.0.0', 10],
] as const)
  LOCAL_RANGES.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  LOCAL_RANGES.addSubnet(network, prefix, 'ipv6')

/**
 * Whether a connection comes from this network: a local range, or a subnet of one of this computer's
 * own interfaces (some offices number theirs with public addresses). The internet — through a
 * forwarded port, or to a public IPv6 address — is not. Interfaces are read per call: they change.
 */
export function fromThisNetwork(remote: string | undefined, interfaces?: Interfaces): boolean {
  if (!remote) return false
  // An IPv4 peer on a dual-stack listener shows as ::ffff:a.b.c.d; a link-local one may carry %scope.
  const address = remote.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/%.*$/, '')
  const family = isIPv4(address) ? 'ipv4' : 'ipv6'
  if (LOCAL_RANGES.check(address, family)) return true
  const own = new BlockList()
  for (const entry of Object.values(interfaces ?? networkInterfaces()).flat()) {
    const [network, prefix] = entry?.cidr?.split('/') ?? []
    if (entry && network && prefix && entry.family.toLowerCase() === family) own.addSubnet(network.replace(/%.*$/, ''), Number(prefix), family)
  }
  return own.check(address, family)
}

/** Where other computers reach the API: this computer's IPv4 addresses other than loopback. */
export function networkUrls(port: number, interfaces?: Interfaces): string[] {
  return Object.values(interfaces ?? networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal && entry.family === 'IPv4' && !entry.address.startsWith('169.254.'))
    .map((entry) => `http://${entry!.address}:${port}/v1`)
}
