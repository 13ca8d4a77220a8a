import type { ClientEvent, StoredMessage } from "../emulator/index.js";
import type { EventStream } from "./events.js";
import { byId, viewMessage, type MessageView } from "./view.js";

/**
 * Every message the members' clients were shown, ephemeral ones included (each marked with the
 * one member who sees it), kept from the emulator's events and passed on to the page.
 */
export class MessageLog {
  readonly #byChannel = new Map<string, Map<string, StoredMessage>>();

  constructor(private readonly events: EventStream) {}

  /** Feed with `emu.watch(...)`. */
  readonly onEvent = (event: ClientEvent): void => {
    if (event.kind === "channel") {
      if (event.event === "THREAD_CREATE" || event.event === "CHANNEL_CREATE")
        this.events.send("channel", event.channel);
      return;
    }
    const { message, change } = event;
    const channel = this.#channel(message.channel_id);
    if (change === "delete") {
      if (channel.delete(message.id))
        this.events.send("message-delete", { channel_id: message.channel_id, id: message.id });
      return;
    }
    const known = channel.has(message.id);
    channel.set(message.id, message);
    this.events.send(known ? "message-update" : "message", viewMessage(message));
  };

  find(channelId: string, messageId: string): MessageView | undefined {
    const message = this.#byChannel.get(channelId)?.get(messageId);
    return message ? viewMessage(message) : undefined;
  }

  /** Each channel's messages, oldest first. */
  all(): Record<string, MessageView[]> {
    const out: Record<string, MessageView[]> = {};
    for (const [channelId, messages] of this.#byChannel)
      out[channelId] = [...messages.values()].map(viewMessage).sort(byId);
    return out;
  }

  #channel(channelId: string): Map<string, StoredMessage> {
    let channel = this.#byChannel.get(channelId);
    if (!channel) {
      channel = new Map();
      this.#byChannel.set(channelId, channel);
    }
    return channel;
  }
}
