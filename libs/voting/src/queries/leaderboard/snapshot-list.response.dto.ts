import { ApiProperty } from '@nestjs/swagger';
import { SnapshotResponse } from './snapshot.response.dto';

export class SnapshotListResponse {
  @ApiProperty({ type: [SnapshotResponse], description: 'Newest first.' })
  items!: SnapshotResponse[];
}
