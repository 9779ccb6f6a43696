import { RequestMethod } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Logger } from 'pino';
import { AppModule } from './app.module';
import { ClosingGate } from './common/closing';
import { installInputRules } from './common/input-rules';
import { registerAuthHooks } from './auth/auth-http.hooks';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { describeLocationHeaders, LocationInterceptor } from './common/location';
import { ProblemFilter, sendProblem } from './common/problem.filter';
import { contentLanguageOf } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { parseAppConfig } from './config/app.config';
import { parseImportsConfig } from './config/imports.config';
import { registerCsvBody } from './imports/csv-body';
import { MetricsService } from './metrics/metrics.service';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT_BYTES = 1_048_576;

/** An incoming X-Request-Id is echoed only when it is short and plain; otherwise a new one is made. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const ROOT_ROUTES = ['health/live', 'health/ready', 'metrics'].flatMap((path) => [
  { path, method: RequestMethod.GET },
  { path: `${API_PREFIX}/${path}`, method: RequestMethod.GET },
]);

const gates = new WeakMap<NestFastifyApplication, ClosingGate>();

/**
 * Closes the application: requests arriving from now on get 503 problem+json while queue
 * workers drain and connections close.
 */
export async function closeApp(app: NestFastifyApplication): Promise<void> {
  gates.get(app)?.close();
  await app.close();
}

/** Builds the HTTP application exactly as `npm start` serves it; tests use the same function. */
export async function createApp(options: { logger?: Logger } = {}): Promise<NestFastifyApplication> {
  const config = parseAppConfig(process.env);
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const problemLogger = {
    error: (message: string, trace?: string): void => logger.error({ trace }, message),
    warn: (message: string): void => logger.warn(message),
  };
  const adapter = new FastifyAdapter({
    // A URL the router cannot decode is answered before any hook runs: as problem+json too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      sendProblem(error, request, reply, problemLogger);
    },
    loggerInstance: logger,
    // Requests are logged once, on completion, by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // While closing, the ClosingGate answers with the contract's problem+json instead.
    return503OnClosing: false,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage): string => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  });
  const nestLogger = new PinoNestLogger(logger);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { logger: nestLogger });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // CSV bodies only where a route asks for them (POST /imports), with their own limit.
  registerCsvBody(fastify, parseImportsConfig(process.env).maxBytes);
  // Nesting, control characters and lone surrogates are refused here for every route.
  installInputRules(app, BODY_LIMIT_BYTES);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Every answer says the language of its texts (API.md, Conventions), errors and docs included.
    reply.header('content-language', contentLanguageOf(request));
  });
  const gate = new ClosingGate();
  gate.install(fastify, nestLogger);
  gates.set(app, gate);
  registerAuthHooks(app, API_PREFIX);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    request.log.info(
      { method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
  });
  // Errors raised before a route handler runs (body parsing, size limit) reach the ProblemFilter
  // through the error handler Nest installs on Fastify at init; a second handler of our own in the
  // same scope would be overridden by it, with Fastify's FSTWRN004 warning at every start.

  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalInterceptors(new LocationInterceptor(app.get(Reflector)));

  const document = describeLocationHeaders(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Panama National Firearms Registry API')
      .setDescription(
        'The national record of civilian firearms: owners, licences, weapons, custody, tracing and a ' +
          'tamper-evident audit chain. Errors are RFC 9457 application/problem+json with a stable `code`.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  ));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });

  await app.init();
  await fastify.ready();
  return app;
}
