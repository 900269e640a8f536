import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client';
import { outbox } from '../db/schema';
import { eq } from 'drizzle-orm';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  networkId?: string | null;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Every mail is first written to the outbox table. With SMTP configured it is then delivered and
 * marked sent; without SMTP the outbox is the delivery (printed in the log, readable on /dev/outbox).
 */
export function createMailer(opts: {
  db: Db;
  smtpUrl?: string;
  from: string;
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
}): Mailer {
  const transport: Transporter | null = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    async send(m) {
      const [row] = await opts.db
        .insert(outbox)
        .values({ to: m.to, subject: m.subject, text: m.text, html: m.html, kind: m.kind, networkId: m.networkId ?? null })
        .returning({ id: outbox.id });
      if (!transport) {
        opts.log.info({ to: m.to, subject: m.subject }, `mail (outbox, no SMTP_URL):\n${m.text}`);
        return;
      }
      try {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
        // Delivered: keep that it was sent, not its links (sign-in and invitation tokens).
        await opts.db.update(outbox).set({ sentAt: new Date(), attempts: 1, text: '', html: '' }).where(eq(outbox.id, row!.id));
      } catch (err) {
        // Kept in the outbox with the error so it is not lost silently.
        await opts.db
          .update(outbox)
          .set({ attempts: 1, lastError: String((err as Error).message) })
          .where(eq(outbox.id, row!.id));
        opts.log.error({ err, to: m.to }, 'mail delivery failed');
        throw err;
      }
    },
    close() {
      transport?.close();
    },
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Renders a plain-text body plus an optional call-to-action link into a simple accessible HTML mail. */
export function renderMail(opts: { lang: string; text: string; footer: string; action?: { url: string; label: string } }) {
  const paragraphs = opts.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>').replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('\n');
  const button = opts.action
    ? `<p><a href="${escapeHtml(opts.action.url)}" style="display:inline-block;padding:12px 20px;background:#1f5f5b;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(opts.action.label)}</a></p>`
    : '';
  const html = `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>Kring</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem">${button}${paragraphs}<hr><p style="font-size:0.9em;color:#444">${escapeHtml(opts.footer).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</p></body></html>`;
  return { text: `${opts.text}\n\n--\n${opts.footer}`, html };
}
