import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { PURPOSE_MAX, PURPOSE_MIN } from './access-purpose';
import { PersonalDataReadInterceptor } from './personal-data-read.interceptor';
import { PERSONAL_DATA_READ, type PersonalDataReadSpec } from './personal-data-read.types';

/**
 * Marks a route as a read of personal data: the caller's X-Access-Purpose is checked (police
 * must give one: 400 PURPOSE_REQUIRED) and the read is audited in the same request, before
 * the answer leaves, with the purpose, the actor and the request id.
 */
export function PersonalDataRead(spec: PersonalDataReadSpec): MethodDecorator {
  return applyDecorators(
    SetMetadata(PERSONAL_DATA_READ, spec),
    UseInterceptors(PersonalDataReadInterceptor),
    ApiHeader({
      name: 'X-Access-Purpose',
      required: false,
      description: `Why the data is read (${PURPOSE_MIN}..${PURPOSE_MAX} characters, e.g. a case number); required for police, audited with the read.`,
    }),
    ApiProblems(ErrorCode.PurposeRequired),
  );
}
