import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { TraceRecords } from './trace-records.query';
import type { TraceRecordDto } from './trace.dto';

@Injectable()
export class ViewTraceRecordUseCase {
  constructor(private readonly records: TraceRecords) {}

  /**
   * Who looked at whose custody chain is itself on the record: the route is a
   * @PersonalDataRead, whose interceptor appends the one `trace.viewed` entry (with the
   * caller, the purpose and the owners shown) before the answer leaves.
   */
  execute(weaponId: string, _context: RequestContext): Promise<TraceRecordDto> {
    return this.records.build(weaponId);
  }
}
