import { BlockList, isIP } from 'node:net';

/**
 * What kind of address an outbound request would reach. Anything but `public` is inside some
 * network boundary (this host, the LAN, the cloud's metadata service) that an operator- or
 * tenant-supplied URL must not be able to reach from our servers.
 */
export type AddressCategory =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type Range = [category: Exclude<AddressCategory, 'public'>, net: string, prefix: number];

// Order matters: the first match wins, so metadata addresses come before their wider ranges.
const V4: Range[] = [
  ['metadata', '169.254.169.254', 32], // AWS, GCP, Azure, OpenStack, DigitalOcean
  ['metadata', '169.254.170.2', 32], // ECS task metadata
  ['metadata', '100.100.100.200', 32], // Alibaba Cloud
  ['unspecified', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['cgnat', '100.64.0.0', 10],
  ['link-local', '169.254.0.0', 16],
  ['reserved', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', '192.0.2.0', 24], // documentation
  ['reserved', '198.18.0.0', 15], // benchmarking
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4], // includes 255.255.255.255
];

const V6: Range[] = [
  ['metadata', 'fd00:ec2::254', 128], // AWS IMDS over IPv6
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['unique-local', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['multicast', 'ff00::', 8],
  ['reserved', '2001:db8::', 32], // documentation
  ['reserved', '100::', 64], // discard
];

const lists = new Map<Exclude<AddressCategory, 'public'>, BlockList>();
for (const [family, ranges] of [
  ['ipv4', V4],
  ['ipv6', V6],
] as const) {
  for (const [category, net, prefix] of ranges) {
    let list = lists.get(category);
    if (!list) lists.set(category, (list = new BlockList()));
    list.addSubnet(net, prefix, family);
  }
}
const ORDER = [...new Set([...V4, ...V6].map(([c]) => c))];

/** The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, NAT64, 6to4), if any. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? sixToFour;
  if (!parts) return undefined;
  const hi = parseInt(parts[1]!, 16);
  const lo = parseInt(parts[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Classifies an IP literal; throws on something that is not one. */
export function categorize(address: string): AddressCategory {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) throw new TypeError(`not an IP address: ${address}`);
  if (family === 6) {
    const v4 = embeddedV4(bare);
    if (v4) return categorize(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const category of ORDER) if (lists.get(category)!.check(bare, type)) return category;
  return 'public';
}
