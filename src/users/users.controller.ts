import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../audit/audit.service';
import { Roles } from '../auth/auth.decorators';
import { Role } from '../auth/role.enum';
import { ErrorCode } from '../common/error-code';
import { ApiPageResponse, ApiProblems } from '../common/openapi';
import { type Page, PageQuery } from '../common/pagination';
import { Ctx, type RequestContext } from '../common/request-context';
import { uuidParam } from '../common/validation';
import { CreateUserUseCase } from './create-user.use-case';
import { UpdateUserUseCase } from './update-user.use-case';
import { CreateUserDto, UpdateUserDto, UserDto } from './user.dto';
import { UsersQuery } from './users.query';
import { Created } from '../common/location';

@ApiTags('users')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly users: UsersQuery,
  ) {}

  @Post()
  @Created('/api/v1/users/{id}')
  @ApiOperation({
    summary: 'Create a user',
    description:
      'Admins only. Creates a user with a username, full name, roles and jurisdiction (district codes, or null for national scope). The answer never holds the password or its hash. Refuses a weak password (under 12 characters, or a common one) with 400 `WEAK_PASSWORD` and a taken username with 409 `USERNAME_TAKEN`.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.WeakPassword, ErrorCode.UsernameTaken)
  create(@Body() body: CreateUserDto, @Ctx() context: RequestContext): Promise<UserDto> {
    return this.createUser.execute(body, actorOf(context));
  }

  @Get()
  @ApiOperation({
    summary: 'List users by username',
    description:
      'Admins only. Lists users in username order, a page at a time (`limit`, `cursor`), with their roles, jurisdiction and whether they are disabled; never a password or hash.',
  })
  @ApiPageResponse(UserDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: PageQuery): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One user',
    description:
      'Admins only. One user by id, with roles, jurisdiction, disabled flag and version. Unknown id: 404.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change roles or jurisdiction, or disable a user (takes effect on their next request)',
    description:
      'Admins only. Changes a user\'s roles, jurisdiction or disabled flag, given the user\'s current `version` (409 `STALE_VERSION` otherwise). A disabled user\'s tokens, access tokens included, stop working at once and stay dead if the user is enabled again. Audited. Unknown id: 404.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound, ErrorCode.StaleVersion)
  update(
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateUserDto,
    @Ctx() context: RequestContext,
  ): Promise<UserDto> {
    return this.updateUser.execute(id, body, actorOf(context));
  }
}
