import { Injectable } from '@nestjs/common';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { type Page, type PageQuery } from '../common/pagination';
import { type RequestContext } from '../common/request-context';
import { OwnersQuery } from '../owners/owners.query';
import { type AccessLogEntryDto } from './access-log.dto';
import { AccessLogQuery } from './access-log.query';

@Injectable()
export class ViewAccessLogUseCase {
  constructor(
    private readonly owners: OwnersQuery,
    private readonly log: AccessLogQuery,
  ) {}

  /** 404 for an unknown owner, 403 outside the reader's jurisdiction (the owner's district). */
  async execute(ownerId: string, query: PageQuery, context: RequestContext): Promise<Page<AccessLogEntryDto>> {
    const owner = await this.owners.get(ownerId);
    assertInJurisdiction(context.principal, owner.address.district);
    return this.log.page(ownerId, query);
  }
}
