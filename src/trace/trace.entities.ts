import { TraceRequestEntity } from './trace-request.entity';

export const traceEntities: Array<new () => object> = [TraceRequestEntity];
