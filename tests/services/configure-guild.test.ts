import { afterEach, describe, expect, test } from "vitest";
import { postNow, setChannel } from "../../src/services/configure-guild.js";
import { UserError } from "../../src/errors.js";
import { closeTestApps, testApp } from "../helpers/app-context.js";

afterEach(closeTestApps);

/** What the service throws, as the router receives it: a key and plain data, nothing rendered. */
const thrown = (work: Promise<unknown>) =>
  work.then(
    () => expect.fail("expected a UserError"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(UserError);
      const { key, vars } = error as UserError;
      return { key, vars };
    },
  );

describe("configure-guild", () => {
  test("GIVEN a channel missing permissions THEN the error names them as data", async () => {
    const app = await testApp();
    app.discord.refuse.set("c1", { ok: false, code: 50013, missing: ["SendMessages"] });
    expect(await thrown(setChannel(app.ctx, "g1", "c1"))).toEqual({
      key: "error.channel-permissions",
      vars: { channel: "c1", missing: { permissions: ["SendMessages"] } },
    });
  });

  test("GIVEN post-now meets a refusal THEN the error carries the stored failure as data", async () => {
    const app = await testApp();
    await app.ctx.guilds.update("g1", (s) => ({ ...s, channelId: "c1", enabled: true }));
    app.discord.refuse.set("c1", { ok: false, code: 10003, missing: [] });
    expect(await thrown(postNow(app.ctx, "g1"))).toEqual({
      key: "error.post-paused",
      vars: { reason: { failure: { code: "channel-gone" } } },
    });
  });
});
