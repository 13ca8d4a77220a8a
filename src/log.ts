import { pino, type Logger } from "pino";

export type { Logger };

const REDACTED = "[redacted]";

/**
 * Interaction and webhook tokens travel in the URL path (`/interactions/{id}/{token}/callback`,
 * `/webhooks/{application id}/{token}/messages/@original`), and discord.js errors carry that URL.
 */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"'\\]+/g;
/** A bot token's shape: the bot id in base64, a timestamp part and an HMAC part, dot-separated. */
const BOT_TOKEN = /[\w-]{20,}\.[\w-]{6,}\.[\w-]{27,}/g;

/** `text` with every interaction, webhook and bot token (and each of `secrets`) replaced. */
export function redactTokens(text: string, secrets: readonly string[] = []): string {
  let clean = text.replace(URL_TOKEN, `$1${REDACTED}`).replace(BOT_TOKEN, REDACTED);
  for (const secret of secrets) if (secret) clean = clean.replaceAll(secret, REDACTED);
  return clean;
}

export type LoggerOptions = {
  destination?: pino.DestinationStream;
  /** Values never to print, whatever field or message they turn up in (the bot token). */
  secrets?: readonly string[];
};

/**
 * Tokens (the bot's and each interaction's) are credentials. Redact paths drop the fields that
 * hold one; every line is then scrubbed as written, at every level, so a token inside an error's
 * URL, message or stack never leaves the process either.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  const loggerOptions: pino.LoggerOptions = {
    level,
    base: { app: "daily-drill" },
    redact: {
      paths: [
        "token",
        "*.token",
        "*.*.token",
        "authorization",
        "*.authorization",
        "headers.*",
        "*.headers.*",
      ],
      censor: REDACTED,
    },
    hooks: { streamWrite: (line) => redactTokens(line, secrets) },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
