import type { Request, Response } from 'express'
import type { AppLoadContext } from '@remix-run/node'
import { authenticate } from '~/lib/platform/auth.server'
import { keyed } from '~/lib/platform/rate-limit.server'
import '~/load-context'

export async function getLoadContext(req: Request, res: Response): Promise<AppLoadContext> {
  const { auth, setCookie } = await authenticate(req.headers.cookie)
  if (setCookie) res.append('Set-Cookie', setCookie)
  return {
    nonce: res.locals.nonce as string,
    auth,
    clientKey: keyed('client', req.ip ?? req.socket.remoteAddress ?? 'unknown'),
  }
}
