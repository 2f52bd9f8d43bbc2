// Reads a ZIP with yauzl, a reader written independently of app/lib/access/zip-stream.server.ts (so a bug
// there shows here), and checks each entry's size and CRC-32 against the central directory.
import zlib from 'node:zlib'
import yauzl from 'yauzl'

export interface UnzippedEntry {
  name: string
  size: number
  compressedSize: number
  /** 0 stored, 8 deflated */
  method: number
  data: Buffer
}

export async function unzip(zip: Buffer): Promise<UnzippedEntry[]> {
  const file = await yauzl.fromBufferPromise(zip, { validateEntrySizes: true })
  const entries: UnzippedEntry[] = []
  try {
    for await (const entry of file.eachEntry()) {
      const chunks: Buffer[] = []
      for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
      const data = Buffer.concat(chunks)
      if (zlib.crc32(data) !== entry.crc32) throw new Error(`${entry.fileName}: CRC-32 mismatch`)
      entries.push({ name: entry.fileName, size: entry.uncompressedSize, compressedSize: entry.compressedSize, method: entry.compressionMethod, data })
    }
  } finally {
    file.close()
  }
  return entries
}

/** Every entry's content as text, by name. */
export async function unzipText(zip: Buffer): Promise<Map<string, string>> {
  return new Map((await unzip(zip)).map((e) => [e.name, e.data.toString('utf8')]))
}
