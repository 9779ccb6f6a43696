import { ReportEntity } from './report.entity';

export const reportsEntities: Array<new () => object> = [ReportEntity];
