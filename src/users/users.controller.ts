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
  @ApiOperation({ summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.WeakPassword, ErrorCode.UsernameTaken)
  create(@Body() body: CreateUserDto, @Ctx() context: RequestContext): Promise<UserDto> {
    return this.createUser.execute(body, actorOf(context));
  }

  @Get()
  @ApiOperation({ summary: 'List users by username' })
  @ApiPageResponse(UserDto)
  @ApiProblems(ErrorCode.ValidationFailed)
  list(@Query() query: PageQuery): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(ErrorCode.ValidationFailed, ErrorCode.NotFound)
  get(@Param('id', uuidParam()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles or jurisdiction, or disable a user (takes effect on their next request)' })
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
