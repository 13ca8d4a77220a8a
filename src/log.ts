import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Tokens (the bot's and each interaction's) are credentials; redaction is a second line of
 * defence behind never passing them to the logger at all.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "daily-drill" },
    redact: {
      paths: ["token", "*.token", "*.*.token", "authorization", "*.authorization", "headers.*"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
