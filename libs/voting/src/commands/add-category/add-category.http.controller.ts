import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { AddCategoryCommand } from './add-category.command';
import { AddCategoryRequest } from './add-category.request.dto';
import { AddCategoryResponse } from './add-category.response.dto';

@ApiTags('events')
@ApiTenantAuth()
@Controller('api/events')
export class AddCategoryHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/categories')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Add a category to an event' })
  @ApiCreatedResponse({ type: AddCategoryResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The event can no longer be changed this way.')
  @ApiProblems(400, 422)
  add(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: AddCategoryRequest, @RequestMetadata() metadata: CommandMetadata): Promise<{ categoryId: string }> {
    const rules = body.rules ? Object.fromEntries(Object.entries(body.rules).filter(([, v]) => v !== undefined)) : undefined;
    return this.commands.execute(new AddCategoryCommand({ contestId: eventId, name: body.name, weight: body.weight, rules }, metadata));
  }
}
