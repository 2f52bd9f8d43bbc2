// Any URL no route claims: a 404 inside the normal layout (the message is a key the error page translates).
export async function loader() {
  throw new Response('common:errors.notFound.body', { status: 404 })
}

export async function action() {
  throw new Response('common:errors.notFound.body', { status: 404 })
}

export default function NotFound() {
  return null
}
