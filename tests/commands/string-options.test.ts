import { ApplicationCommandOptionType } from "discord.js";
import { expect, test } from "vitest";
import { commands } from "../../commands/index.js";

type Option = {
  name: string;
  type: ApplicationCommandOptionType;
  max_length?: number;
  options?: Option[];
};

/** Every option of every command, with its path: `config time value`. */
function* optionsOf(list: readonly Option[], path: string): Generator<[string, Option]> {
  for (const option of list) {
    yield [`${path} ${option.name}`, option];
    yield* optionsOf(option.options ?? [], `${path} ${option.name}`);
  }
}

const stringOptions = commands.flatMap((command) =>
  [...optionsOf((command.data.options ?? []) as Option[], command.data.name)].filter(
    ([, option]) => option.type === ApplicationCommandOptionType.String,
  ),
);

test("the commands have string options to check", () => {
  expect(stringOptions.map(([path]) => path)).toContain("question ask topic");
});

// Discord's client refuses longer text, so a member cannot paste 3,000 characters into a reply.
test.each(stringOptions)(
  "GIVEN /%s THEN it has a max_length within Discord's 1..6000",
  (_, option) => {
    expect(option.max_length).toBeGreaterThanOrEqual(1);
    expect(option.max_length).toBeLessThanOrEqual(6000);
  },
);
