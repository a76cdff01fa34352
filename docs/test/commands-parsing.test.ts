import { commandsOf, normalizeWsdumpOutput, optionsOf, parseWsdumpTranscript, receivedCount } from './commands';

describe('reading commands and transcripts from the docs', () => {
  it('takes one command per line, joins continuations and skips comments and blank lines', () => {
    const body = '# install\nnpx pnpm install && npx pnpm test\n\naws cloudformation deploy --template-file t.yml \\\n  --stack-name S\n';

    expect(commandsOf(body)).toEqual([
      'npx pnpm install && npx pnpm test',
      'aws cloudformation deploy --template-file t.yml --stack-name S',
    ]);
  });

  it('lists the options a command uses, not their values or quoted text', () => {
    expect(optionsOf('aws cloudformation describe-stacks --stack-name S --query "a--b" --output text')).toEqual([
      '--stack-name',
      '--query',
      '--output',
    ]);
  });

  it('reads a wsdump transcript into what was typed and what wsdump prints', () => {
    const session = parseWsdumpTranscript(['Press Ctrl+C to quit', '> John', '< Using nickname: John', 'Type /help.', '< x', '> /ls']);

    expect(session.sends).toEqual(['John', '/ls']);
    expect(session.receivedBefore).toEqual([0, 2, 2]);
    expect(session.printed).toBe('Press Ctrl+C to quit\n< Using nickname: John\nType /help.\n< x\n');
  });

  it("reduces wsdump's output to its messages, wherever its prompts landed", () => {
    const output = 'Press Ctrl+C to quit\n> > \u001b[2K\u001b[E\u001b[34m< one\ntwo\u001b[39m> \n> \u001b[2K\u001b[E\u001b[34m< three\u001b[39m\n> ';

    expect(normalizeWsdumpOutput(output)).toBe('Press Ctrl+C to quit\n< one\ntwo\n< three\n');
    expect(receivedCount(output)).toBe(2);
  });
});
