import { Injectable } from '@nestjs/common';
import { actorOf } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { toWeaponDto } from '../registry/registry.mapper';
import { MISSING_STATUSES } from '../registry/weapon-status';
import { AlertsService } from '../alerts/alerts.service';
import { TraceSearch } from './trace-search.service';
import type { TraceSearchQuery, TraceSearchResultDto } from './trace.dto';

@Injectable()
export class SearchTraceUseCase {
  constructor(
    private readonly search: TraceSearch,
    private readonly alerts: AlertsService,
  ) {}

  /** A hit on a weapon reported lost or stolen raises an alert; the search answers either way. */
  async execute(query: TraceSearchQuery, context: RequestContext): Promise<TraceSearchResultDto> {
    const found = await this.search.find(query);
    const hits = found.filter((candidate) => MISSING_STATUSES.includes(candidate.weapon.status));
    await this.alerts.raiseOnRead(
      actorOf(context),
      hits.map((hit) => ({
        source: 'trace_search' as const,
        weaponId: hit.weapon.id,
        details: {
          search: { serial: query.serial, make: query.make ?? null, calibre: query.calibre ?? null, type: query.type ?? null },
          match: hit.match,
          score: hit.score,
        },
      })),
    );
    return { items: found.map((candidate) => ({ weapon: toWeaponDto(candidate.weapon), match: candidate.match, score: candidate.score })) };
  }
}
