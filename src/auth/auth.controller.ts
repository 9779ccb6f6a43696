import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/error-code';
import { ApiProblems } from '../common/openapi';
import { Ctx, type RequestContext } from '../common/request-context';
import { Authenticated, Public } from './auth.decorators';
import { LoginDto, MeDto, RefreshTokenDto, TokenPairDto } from './auth.dto';
import { LoginUseCase } from './login.use-case';
import { LogoutUseCase } from './logout.use-case';
import { RefreshTokensUseCase } from './refresh-tokens.use-case';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly refresh: RefreshTokensUseCase,
    private readonly logout: LogoutUseCase,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with username and password',
    description:
      'Public. Exchanges a username and password for an access token (ES256 JWT, `expiresIn` seconds) and a refresh token; the answer carries `Cache-Control: no-store`. A wrong username or password is 401 `INVALID_CREDENTIALS` (same body for both); after `LOGIN_MAX_FAILURES` failures for the username or the client address within the window, 429 `TOO_MANY_ATTEMPTS` with `Retry-After`.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.InvalidCredentials, ErrorCode.TooManyAttempts)
  logIn(@Body() body: LoginDto, @Ctx() context: RequestContext): Promise<TokenPairDto> {
    return this.login.execute(body.username, body.password, context);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Spend a refresh token for a new token pair',
    description:
      'Public (the refresh token is the credential). Spends the refresh token and returns a new access and refresh token pair. A spent token presented again is 401 `REFRESH_TOKEN_REUSED` and revokes every token of that login; a token past `SESSION_MAX_AGE` after its login, or of a disabled user, is 401.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.Unauthenticated, ErrorCode.RefreshTokenReused)
  refreshTokens(@Body() body: RefreshTokenDto, @Ctx() context: RequestContext): Promise<TokenPairDto> {
    return this.refresh.execute(body.refreshToken, context);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'End the login the refresh token belongs to',
    description:
      'Any authenticated user. Revokes every refresh token of the login the given refresh token belongs to; answers 204 with no body. An invalid body is 400.',
  })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCode.ValidationFailed)
  async logOut(@Body() body: RefreshTokenDto, @Ctx() context: RequestContext): Promise<void> {
    await this.logout.execute(body.refreshToken, context);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({
    summary: 'The caller',
    description:
      'Any authenticated user. Returns who the bearer token belongs to: id, username, full name, roles and jurisdiction (null for national scope).',
  })
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() context: RequestContext): MeDto {
    const { sessionId: _session, ...me } = context.principal!;
    return me;
  }
}
