import { createHash } from 'node:crypto';

/** The size of the pieces a report file is stored in (report_chunks.data). */
export const CHUNK_BYTES = 256 * 1024;

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  chunkCount: number;
}

/**
 * Where a format writer's bytes go: hashed as they arrive, cut into CHUNK_BYTES pieces and
 * handed to `store` in order. `write` only buffers; the producer awaits `drain` between
 * rows, so at most about one piece (plus what one row adds) is held whatever the file's size.
 */
export class ChunkSink {
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private chunks = 0;

  constructor(
    private readonly store: (n: number, data: Buffer) => Promise<unknown>,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  readonly write = (data: Buffer | string): void => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0) return;
    this.hash.update(bytes);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  };

  /** Stores every full piece buffered so far. */
  async drain(): Promise<void> {
    while (this.pendingBytes >= this.chunkBytes) {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      const piece = all.subarray(0, this.chunkBytes);
      const rest = all.subarray(this.chunkBytes);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      await this.store(this.chunks, piece);
      this.chunks += 1;
    }
  }

  /** Stores the last, partial piece; call once the writer has emitted its last byte. */
  async finish(): Promise<StoredFile> {
    await this.drain();
    if (this.pendingBytes > 0) {
      const last = Buffer.concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
      await this.store(this.chunks, last);
      this.chunks += 1;
    }
    return { sha256: this.hash.digest('hex'), sizeBytes: this.size, chunkCount: this.chunks };
  }
}
