import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestMetadata } from '@tally/platform';
import { SignUpCommand } from './sign-up.command';
import { SignUpRequest } from './sign-up.request.dto';
import { SignUpResponse } from './sign-up.response.dto';

@ApiTags('auth')
@Controller('api/auth')
export class SignUpHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('signup')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign up a voter account in this tenant' })
  @ApiBody({ type: SignUpRequest, examples: { voter: { summary: 'A voter with a phone to verify later', value: { email: 'ada@example.com', password: 'correct horse battery staple', phone: '+14155552671' } } } })
  @ApiCreatedResponse({ type: SignUpResponse, example: { userId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' } })
  @ApiProblem(409, 'The email (or the phone) is already registered in this tenant.')
  @ApiProblem(422, 'A field failed validation, the password is too short, long or breached, or the phone is not a valid number.')
  @ApiProblems(400)
  signUp(@Body() body: SignUpRequest, @RequestMetadata() metadata: CommandMetadata): Promise<{ userId: string }> {
    return this.commands.execute(new SignUpCommand(body.email, body.password, body.phone ?? null, metadata));
  }
}
