import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderError, startEmbeddedDynamoDb, type MergeTemplate } from '@wsapp/local';

const chatTemplate = (): MergeTemplate =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'chat-resources.json'), 'utf8')) as MergeTemplate;

/** Each of these would otherwise hang start-up for good: a jest timeout this short fails the test instead. */
const FAILS_FAST_MS = 3_000;

describe('startEmbeddedDynamoDb with persist on a folder that cannot hold the data', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'wsapp-persist-'));
    writeFileSync(join(scratch, 'a-file'), 'not a folder');
  });
  afterAll(() => {
    chmodSync(scratch, 0o700);
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each([['/proc/x'], ['/proc/x/y/z']])(
    'fails at once for %s, where no folder can be created, naming the path',
    async (path) => {
      const start = startEmbeddedDynamoDb(chatTemplate(), { persist: path });

      await expect(start).rejects.toThrow(
        `Cannot keep DynamoDB data in ${path} (resolved to ${path}): the folder cannot be created there; is it on a special file system such as /proc?`,
      );
      await expect(start).rejects.toBeInstanceOf(DataFolderError);
    },
    FAILS_FAST_MS,
  );

  it(
    'fails at once for /proc itself, a folder where no file can be written',
    async () => {
      await expect(startEmbeddedDynamoDb(chatTemplate(), { persist: '/proc' })).rejects.toThrow(
        'Cannot keep DynamoDB data in /proc (resolved to /proc): files cannot be written in it',
      );
    },
    FAILS_FAST_MS,
  );

  it(
    'fails at once for a regular file, naming it',
    async () => {
      const file = join(scratch, 'a-file');

      await expect(startEmbeddedDynamoDb(chatTemplate(), { persist: file })).rejects.toThrow(
        `Cannot keep DynamoDB data in ${file} (resolved to ${file}): it is a file, not a folder`,
      );
      expect(readFileSync(file, 'utf8')).toBe('not a folder');
    },
    FAILS_FAST_MS,
  );

  it(
    'fails at once for a folder inside a regular file',
    async () => {
      const path = join(scratch, 'a-file', 'data');

      await expect(startEmbeddedDynamoDb(chatTemplate(), { persist: path })).rejects.toThrow(
        `Cannot keep DynamoDB data in ${path} (resolved to ${path}): a parent is a file, not a folder`,
      );
    },
    FAILS_FAST_MS,
  );

  it(
    'fails at once for a symbolic link to nothing',
    async () => {
      const link = join(scratch, 'dangling');
      symlinkSync(join(scratch, 'missing', 'target'), link);

      await expect(startEmbeddedDynamoDb(chatTemplate(), { persist: link })).rejects.toThrow(
        `Cannot keep DynamoDB data in ${link} (resolved to ${link}): it is a symbolic link to nothing`,
      );
    },
    FAILS_FAST_MS,
  );

  it(
    'fails at once for a folder whose store another database holds, and leaves that one running',
    async () => {
      // Prepare: a database that keeps its data in the folder.
      const folder = join(scratch, 'shared');
      const first = await startEmbeddedDynamoDb(chatTemplate(), { persist: folder });
      try {
        // Act
        const second = startEmbeddedDynamoDb(chatTemplate(), { persist: folder });

        // Assess
        await expect(second).rejects.toThrow(
          `Cannot keep DynamoDB data in ${folder} (resolved to ${folder}): the DynamoDB store does not open: `,
        );
        await expect(second).rejects.toThrow('(is another process, such as a second wsapp local, using this folder?)');
        const client = new DynamoDBClient({ endpoint: first.endpoint, region: 'us-east-1' });
        expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['ChaliceChat']);
        client.destroy();
      } finally {
        await first.close();
      }
    },
    FAILS_FAST_MS * 2,
  );

  it('creates missing parent folders and leaves no trace of its checks', async () => {
    const folder = join(scratch, 'new', 'nested', 'data');

    const db = await startEmbeddedDynamoDb(chatTemplate(), { persist: folder });
    await db.close();

    expect(readdirSync(folder).filter((name) => name.startsWith('.wsapp'))).toEqual([]);
    expect(readdirSync(folder)).toContain('CURRENT'); // the LevelDB store is there
  });
});
