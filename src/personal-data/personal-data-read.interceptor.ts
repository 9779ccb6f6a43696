import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type FastifyRequest } from 'fastify';
import { mergeMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { actorOf, type AuditInput, AuditService } from '../audit/audit.service';
import { contextOf } from '../common/request-context';
import { ACCESS_PURPOSE_HEADER, accessPurposeOf } from './access-purpose';
import { PERSONAL_DATA_READ, type PersonalDataReadSpec } from './personal-data-read.types';

/** Beyond this many owners in one answer, one `owner.searched` entry stands for them all. */
export const MAX_OWNER_VIEWS_PER_ANSWER = 50;

/**
 * The one place where reads of personal data are checked and audited (routes marked
 * @PersonalDataRead). The purpose is checked before the handler runs; the entries are
 * appended in one transaction after it has built the answer and before the answer is sent,
 * so no answer with a person's data leaves without its entry.
 */
@Injectable()
export class PersonalDataReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<PersonalDataReadSpec | undefined>(PERSONAL_DATA_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!spec || (spec.appliesTo && !spec.appliesTo(request))) return next.handle();
    const requestContext = contextOf(request);
    const purpose = accessPurposeOf(request.headers[ACCESS_PURPOSE_HEADER], requestContext.principal);
    return next.handle().pipe(
      mergeMap(async (answer: unknown) => {
        const entries = this.entries(spec, request, answer, purpose);
        if (entries.length > 0) {
          await this.dataSource.transaction((manager) => this.audit.appendMany(manager, actorOf(requestContext), entries));
        }
        return answer;
      }),
    );
  }

  private entries(spec: PersonalDataReadSpec, request: FastifyRequest, answer: unknown, purpose: string | null): AuditInput[] {
    const ownerIds = [...new Set(spec.ownersShown(answer, request))];
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    const details = spec.details?.(answer, request) ?? {};
    if (spec.audit !== 'owner') {
      const entityId = spec.entityId?.(answer, request) ?? (request.params as { id: string }).id;
      return [
        { action: spec.audit.action, entityType: spec.audit.entityType, entityId, before: null, after: { ...details, purpose, route, ownerIds } },
      ];
    }
    if (ownerIds.length > MAX_OWNER_VIEWS_PER_ANSWER) {
      return [
        {
          action: 'owner.searched',
          entityType: 'owner_search',
          entityId: String(request.id),
          before: null,
          after: { ...details, purpose, route, query: request.query ?? {}, ownerIds },
        },
      ];
    }
    return ownerIds.map((id) => ({
      action: 'owner.viewed',
      entityType: 'owner',
      entityId: id,
      before: null,
      after: { ...details, purpose, route },
    }));
  }
}
