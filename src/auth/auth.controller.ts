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
  @ApiOperation({ summary: 'Log in with username and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.InvalidCredentials, ErrorCode.TooManyAttempts)
  logIn(@Body() body: LoginDto, @Ctx() context: RequestContext): Promise<TokenPairDto> {
    return this.login.execute(body.username, body.password, context);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Spend a refresh token for a new token pair' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.Unauthenticated, ErrorCode.RefreshTokenReused)
  refreshTokens(@Body() body: RefreshTokenDto, @Ctx() context: RequestContext): Promise<TokenPairDto> {
    return this.refresh.execute(body.refreshToken, context);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'End the login the refresh token belongs to' })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCode.ValidationFailed)
  async logOut(@Body() body: RefreshTokenDto, @Ctx() context: RequestContext): Promise<void> {
    await this.logout.execute(body.refreshToken, context);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() context: RequestContext): MeDto {
    const { sessionId: _session, ...me } = context.principal!;
    return me;
  }
}
