// Global Privacy Control support resource (GPC specification, section 3.5): this site honours the signal.
// lastUpdate is when what the portal does with the signal last changed (decision 063).
export const GPC_LAST_UPDATE = '2026-12-01'

export function loader() {
  // public and the same for everyone: any site or checker may read it
  const headers = { 'Cache-Control': 'public, max-age=86400', 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' }
  return Response.json({ gpc: true, lastUpdate: GPC_LAST_UPDATE }, { headers })
}
