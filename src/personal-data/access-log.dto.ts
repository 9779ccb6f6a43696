import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../auth/role.enum';

export class AccessLogActorDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the registry itself (queue work, command-line steps)' })
  id: string | null;
  @ApiProperty() username: string;
  @ApiProperty({ enum: Role, enumName: 'Role', isArray: true, description: "The actor's roles now" }) roles: Role[];
}

export class AccessLogEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: AccessLogActorDto }) actor: AccessLogActorDto;
  @ApiProperty({ example: 'owner.viewed', description: 'The audit action: a read (owner.viewed, trace.viewed …) or a change' })
  action: string;
  @ApiProperty({ type: String, nullable: true, description: 'X-Access-Purpose of a read; null for changes and reads given none' })
  purpose: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}
