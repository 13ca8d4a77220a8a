import { describe, expect, test } from "vitest";
import {
  ALL_PERMISSIONS,
  channelPermissions,
  Permission,
  type Overwrite,
  type PermissionGuild,
} from "../../emulator/permissions.js";

const { Administrator, AttachFiles, SendMessages, ViewChannel, EmbedLinks } = Permission;
const GUILD = "100";
const ROLE = "200";
const USER = "300";

const guild = (everyone: bigint, role: bigint, ownerId = "999"): PermissionGuild => ({
  id: GUILD,
  ownerId,
  rolePermissions: (id) => (id === GUILD ? everyone : id === ROLE ? role : 0n),
});
const member = { userId: USER, roleIds: [ROLE] };
const everyoneOw = (o: Partial<Overwrite>): Overwrite => ({
  id: GUILD,
  type: 0,
  allow: 0n,
  deny: 0n,
  ...o,
});
const roleOw = (o: Partial<Overwrite>): Overwrite => ({
  id: ROLE,
  type: 0,
  allow: 0n,
  deny: 0n,
  ...o,
});
const memberOw = (o: Partial<Overwrite>): Overwrite => ({
  id: USER,
  type: 1,
  allow: 0n,
  deny: 0n,
  ...o,
});
const base = ViewChannel | SendMessages | AttachFiles | EmbedLinks;

describe("channel permissions follow Discord's overwrite order", () => {
  test.each<[string, PermissionGuild, Overwrite[], bigint, boolean]>([
    ["no overwrites", guild(base, 0n), [], SendMessages, true],
    [
      "@everyone denies send",
      guild(base, 0n),
      [everyoneOw({ deny: SendMessages })],
      SendMessages,
      false,
    ],
    [
      "@everyone denies send, the member's role allows it",
      guild(base, 0n),
      [everyoneOw({ deny: SendMessages }), roleOw({ allow: SendMessages })],
      SendMessages,
      true,
    ],
    [
      "the role allows send, the member overwrite denies it",
      guild(base, 0n),
      [roleOw({ allow: SendMessages }), memberOw({ deny: SendMessages })],
      SendMessages,
      false,
    ],
    [
      "view is denied (everything else goes with it)",
      guild(base, 0n),
      [everyoneOw({ deny: ViewChannel })],
      SendMessages,
      false,
    ],
    [
      "send is denied (attachments go with it)",
      guild(base, 0n),
      [everyoneOw({ deny: SendMessages })],
      AttachFiles,
      false,
    ],
    [
      "the role is Administrator",
      guild(0n, Administrator),
      [everyoneOw({ deny: ViewChannel })],
      SendMessages,
      true,
    ],
    [
      "the member owns the guild",
      guild(0n, 0n, USER),
      [memberOw({ deny: ALL_PERMISSIONS })],
      SendMessages,
      true,
    ],
  ])("GIVEN %s THEN the permission is %s", (_case, g, overwrites, permission, expected) => {
    const bits = channelPermissions(g, member, overwrites);
    expect((bits & permission) === permission).toBe(expected);
  });
});
