import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';
import { contentLanguageOf, languageOfRequest } from './request-context';

/** The one place where errors become HTTP responses. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(exception, request, reply, this.logger);
  }
}

export function sendProblem(
  exception: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: { error(message: string, trace?: string): void; warn(message: string): void },
): void {
  const problem = toProblem(exception, languageOfRequest(request));
  if (problem.unavailable) {
    const cause = exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
    logger.warn(`dependency unavailable in ${request.method} ${request.url} (request ${request.id}): ${cause}`);
  } else if (problem.unexpected) {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    logger.error(`unexpected error in ${request.method} ${request.url} (request ${request.id})`, stack);
  }
  void reply
    .status(problem.status)
    .headers(problem.headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('content-language', contentLanguageOf(request))
    .send({ ...problem.body, requestId: request.id });
}
