// Any URL no route claims: a 404 inside the normal layout.
export async function loader() {
  throw new Response('There is no page at this address.', { status: 404 })
}

export async function action() {
  throw new Response('There is no page at this address.', { status: 404 })
}

export default function NotFound() {
  return null
}
