import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';

export const internationalTracesEntities = [InternationalTraceEntity, TracePackageEntity];
