import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const HEX = '^[0-9a-f]{64}$';

export class TreeHeadDto {
  @ApiProperty({ description: 'Leaves of the tree: entries 1…treeSize' }) treeSize: number;
  @ApiProperty({ pattern: HEX, description: 'RFC 9162 root of the tree (SHA-256 of nothing when it is empty)' }) rootHash: string;
  @ApiProperty() headSeq: number;
  @ApiProperty({ pattern: HEX }) headHash: string;
}

export class InclusionProofQuery {
  @ApiProperty({ minimum: 1, description: 'The entry (leaf seq - 1)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  seq: number;

  @ApiPropertyOptional({ minimum: 1, description: 'The tree to prove inclusion in; default the tree now' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}

export class InclusionProofDto {
  @ApiProperty() seq: number;
  @ApiProperty() treeSize: number;
  @ApiProperty({ description: 'seq - 1' }) leafIndex: number;
  @ApiProperty({ pattern: HEX, description: "SHA-256(0x00 ‖ the entry's 32-byte hash)" }) leafHash: string;
  @ApiProperty({ pattern: HEX }) rootHash: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.3 audit path, the leaf side first' }) proof: string[];
}

export class ConsistencyProofQuery {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to: number;
}

export class ConsistencyProofDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ pattern: HEX }) fromRoot: string;
  @ApiProperty({ pattern: HEX }) toRoot: string;
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.4 consistency proof' }) proof: string[];
}

/** An entry's inclusion proof against the latest signed checkpoint, on GET /audit/history?proof=true. */
export class EntryInclusionProofDto {
  @ApiProperty({ description: 'The signed checkpoint the proof leads to (its tree size)' }) treeSize: number;
  @ApiProperty() leafIndex: number;
  @ApiProperty({ pattern: HEX }) leafHash: string;
  @ApiProperty({ pattern: HEX, description: "The checkpoint's signed root" }) rootHash: string;
  @ApiProperty({ type: [String] }) proof: string[];
}
