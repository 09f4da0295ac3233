import { SMTPServer } from 'smtp-server';

/** One message as a real SMTP server received it. */
export interface SmtpMessage {
  messageId: string;
  to: string[];
  sessionId: string;
}

/**
 * A real SMTP server on 127.0.0.1:`port` (no auth, no TLS) that hands each
 * message to `onMessage`. The message is confirmed (250) unless `onMessage`
 * returns false: then the client hears nothing (no 250, no error). `onClose`
 * hears of every session that ends.
 */
export async function startSmtpServer(
  port: number,
  onMessage: (m: SmtpMessage) => boolean | void,
  opts: { onClose?: (sessionId: string) => void } = {},
): Promise<SMTPServer> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        if (onMessage({ messageId, to: session.envelope.rcptTo.map((r) => r.address), sessionId: session.id }) !== false) callback();
      });
    },
    onClose(session) {
      opts.onClose?.(session.id);
    },
  });
  await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
  return smtp;
}
