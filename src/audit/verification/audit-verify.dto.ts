import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class SeqRangeQuery {
  @ApiPropertyOptional({ minimum: 1, description: 'First seq (included); default 1' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Last seq (included); default the chain head' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to?: number;
}

export class VerifyCheckpointsDto {
  @ApiProperty({ description: 'Signed checkpoints compared with the recomputed chain' }) checked: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Tree size of the latest signed checkpoint; null when none' }) latestTreeSize: number | null;
}

export class VerifyResultDto {
  @ApiProperty({ description: 'Every entry of the range recomputes and links, and matches every signed checkpoint in it' })
  valid: boolean;

  @ApiProperty({ description: 'Entries examined' })
  checked: number;

  @ApiProperty({ description: 'Last seq verified (the head when the whole chain is valid)' })
  headSeq: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'Hash of the entry at headSeq' })
  headHash: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'First edited, missing, inserted or unsigned-for seq (for a log cut back behind a checkpoint, the first missing seq); null when valid',
  })
  firstInvalidSeq: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'What is wrong at firstInvalidSeq, in words' })
  problem: string | null;

  @ApiProperty({ description: 'Signed checkpoints compared with the recomputed chain (as checkpoints.checked)' })
  checkpointsChecked: number;

  @ApiProperty({ type: VerifyCheckpointsDto })
  checkpoints: VerifyCheckpointsDto;
}
