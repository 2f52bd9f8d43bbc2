// A streaming ZIP writer: each entry is deflated as its content arrives, and its CRC and sizes
// follow in a data descriptor, so no entry is ever held in memory whole (APPNOTE 6.3, sections
// 4.3.7-4.3.9 and 4.3.12-4.3.16). ZIP64 is not written: an entry or archive over 4 GiB fails loudly.
import { once } from 'node:events'
import zlib from 'node:zlib'

export interface ZipEntry {
  name: string
  // strings are written as UTF-8
  content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>
}

export interface ZipOptions {
  modifiedAt?: Date
  // zlib level; 1 compresses text nearly as well as 6 at a fraction of the CPU
  level?: number
}

const LOCAL_HEADER = 0x04034b50
const DATA_DESCRIPTOR = 0x08074b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
// bit 3: sizes and CRC follow the data; bit 11: names are UTF-8
const FLAGS = 0x0008 | 0x0800
const METHOD_DEFLATE = 8
const VERSION_NEEDED = 20
// made by: UNIX (3), spec 2.0, so the external attributes carry a file mode
const VERSION_MADE_BY = (3 << 8) | 20
const FILE_MODE_0644 = (0o100644 << 16) >>> 0
const MAX_32 = 0xffffffff

interface Written {
  name: Buffer
  crc: number
  compressedSize: number
  size: number
  offset: number
}

function dosDateTime(at: Date) {
  const year = Math.max(at.getUTCFullYear(), 1980)
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2)
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()
  return { time, date }
}

function localHeader(name: Buffer, time: number, date: number) {
  const b = Buffer.alloc(30)
  b.writeUInt32LE(LOCAL_HEADER, 0)
  b.writeUInt16LE(VERSION_NEEDED, 4)
  b.writeUInt16LE(FLAGS, 6)
  b.writeUInt16LE(METHOD_DEFLATE, 8)
  b.writeUInt16LE(time, 10)
  b.writeUInt16LE(date, 12)
  // CRC and sizes are zero here and follow in the data descriptor
  b.writeUInt16LE(name.length, 26)
  b.writeUInt16LE(0, 28)
  return Buffer.concat([b, name])
}

function dataDescriptor(e: Written) {
  const b = Buffer.alloc(16)
  b.writeUInt32LE(DATA_DESCRIPTOR, 0)
  b.writeUInt32LE(e.crc, 4)
  b.writeUInt32LE(e.compressedSize, 8)
  b.writeUInt32LE(e.size, 12)
  return b
}

function centralHeader(e: Written, time: number, date: number) {
  const b = Buffer.alloc(46)
  b.writeUInt32LE(CENTRAL_HEADER, 0)
  b.writeUInt16LE(VERSION_MADE_BY, 4)
  b.writeUInt16LE(VERSION_NEEDED, 6)
  b.writeUInt16LE(FLAGS, 8)
  b.writeUInt16LE(METHOD_DEFLATE, 10)
  b.writeUInt16LE(time, 12)
  b.writeUInt16LE(date, 14)
  b.writeUInt32LE(e.crc, 16)
  b.writeUInt32LE(e.compressedSize, 20)
  b.writeUInt32LE(e.size, 24)
  b.writeUInt16LE(e.name.length, 28)
  // extra, comment, disk number start, internal attributes: 0
  b.writeUInt32LE(FILE_MODE_0644, 38)
  b.writeUInt32LE(e.offset, 42)
  return Buffer.concat([b, e.name])
}

function endOfCentralDirectory(count: number, size: number, offset: number) {
  const b = Buffer.alloc(22)
  b.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0)
  b.writeUInt16LE(count, 8)
  b.writeUInt16LE(count, 10)
  b.writeUInt32LE(size, 12)
  b.writeUInt32LE(offset, 16)
  return b
}

function tooLarge(what: string): never {
  throw new Error(`The ZIP ${what} exceeds 4 GiB, which needs ZIP64 (not written by this writer).`)
}

// Deflates one entry's content, yielding compressed chunks; the consumer's pace drives the source.
async function* deflateEntry(content: ZipEntry['content'], level: number, totals: { crc: number; size: number }) {
  const deflate = zlib.createDeflateRaw({ level })
  let stopped = false
  const closed = new Promise<void>((resolve) => deflate.once('close', resolve))
  const feed = (async () => {
    for await (const chunk of content) {
      if (stopped || deflate.destroyed) return
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      if (buffer.length === 0) continue
      totals.crc = zlib.crc32(buffer, totals.crc)
      totals.size += buffer.length
      if (!deflate.write(buffer)) await Promise.race([once(deflate, 'drain'), closed])
    }
    deflate.end()
  })()
  feed.catch((error: unknown) => deflate.destroy(error as Error))
  try {
    for await (const out of deflate as AsyncIterable<Buffer>) yield out
    await feed
  } finally {
    // the consumer went away (or the source failed): stop reading the source, free zlib
    stopped = true
    deflate.destroy()
    await feed.catch(() => {})
  }
}

/** Yields the bytes of a ZIP archive holding the entries, in order, one at a time. */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: ZipOptions = {}): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(options.modifiedAt ?? new Date())
  const level = options.level ?? 1
  const written: Written[] = []
  let offset = 0
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const header = localHeader(name, time, date)
    const record: Written = { name, crc: 0, compressedSize: 0, size: 0, offset }
    yield header
    offset += header.length
    const totals = { crc: 0, size: 0 }
    for await (const chunk of deflateEntry(entry.content, level, totals)) {
      record.compressedSize += chunk.length
      yield chunk
    }
    record.crc = totals.crc
    record.size = totals.size
    if (record.size > MAX_32 || record.compressedSize > MAX_32) tooLarge(`entry ${entry.name}`)
    const descriptor = dataDescriptor(record)
    yield descriptor
    offset += record.compressedSize + descriptor.length
    written.push(record)
  }
  const directoryStart = offset
  for (const record of written) {
    const header = centralHeader(record, time, date)
    yield header
    offset += header.length
  }
  if (offset > MAX_32 || written.length > 0xffff) tooLarge('archive')
  yield endOfCentralDirectory(written.length, offset - directoryStart, directoryStart)
}

export interface ReadableStreamOptions {
  // a reader that takes no chunk for this long has stopped: the stream errors (the server then closes
  // the connection) and the source is closed, so that what it holds is freed
  idleTimeoutMs?: number
  // aborted when the client goes away (the request's signal); a generator stopped before its first pull
  // never runs its finally, so a caller holding resources checks signal.aborted before handing over
  signal?: AbortSignal
  // why the source was stopped before its end: the reader cancelled, stalled, or went away
  onStop?: (reason: StreamStop) => void
  // called by the server once the last byte was handed to the socket (see markBodyDelivered)
  onDelivered?: () => void
}

export type StreamStop = 'cancelled' | 'stalled' | 'client_gone'

export class StreamStoppedError extends Error {
  override name = 'StreamStoppedError'
}

// A global symbol, so that the server (loaded apart from the Remix build) finds the same key.
const BODY_DELIVERED = Symbol.for('privacy-portal.body-delivered')

/** For the server: the body was written out to its last byte; a source that asked to know hears it now. */
export function markBodyDelivered(body: unknown) {
  const hook = body && (body as Record<symbol, unknown>)[BODY_DELIVERED]
  if (typeof hook === 'function') hook()
}

/** A web ReadableStream over an async byte source that pulls only as fast as the reader reads. */
export function toReadableStream(source: AsyncGenerator<Uint8Array>, options: ReadableStreamOptions = {}): ReadableStream<Uint8Array> {
  const { idleTimeoutMs, signal, onStop, onDelivered } = options
  let stopped = false
  let idle: NodeJS.Timeout | undefined
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const stop = (reason: StreamStop, error?: Error) => {
    if (stopped) return
    stopped = true
    clearTimeout(idle)
    onStop?.(reason)
    if (error) controller.error(error)
    // a source waiting at a yield closes at once; one busy producing closes after its current chunk
    void source.return(undefined).catch(() => {})
  }
  const onAbort = () => stop('client_gone', new StreamStoppedError('The client went away'))
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c
        if (signal?.aborted) onAbort()
        else signal?.addEventListener('abort', onAbort, { once: true })
      },
      async pull(c) {
        clearTimeout(idle)
        if (stopped) return
        try {
          const { value, done } = await source.next()
          if (stopped) return
          if (done) {
            stopped = true
            signal?.removeEventListener('abort', onAbort)
            c.close()
            return
          }
          c.enqueue(value)
          // the next pull comes when the reader has taken this chunk
          if (idleTimeoutMs) idle = setTimeout(() => stop('stalled', new StreamStoppedError(`No chunk taken for ${idleTimeoutMs} ms`)), idleTimeoutMs).unref()
        } catch (error) {
          stopped = true
          signal?.removeEventListener('abort', onAbort)
          c.error(error)
        }
      },
      async cancel() {
        signal?.removeEventListener('abort', onAbort)
        stop('cancelled')
      },
    },
    // one chunk ahead: memory is bounded by the chunk size, not by the download
    { highWaterMark: 1 },
  )
  if (onDelivered) Object.defineProperty(stream, BODY_DELIVERED, { value: onDelivered })
  return stream
}
