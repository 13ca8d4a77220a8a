import { ApplicationCommandOptionType as T, type CommandInteractionOption } from "discord.js";
import { describe, expect, expectTypeOf, test } from "vitest";
import { argumentsOf, type ArgumentsOf } from "../../src/discord/command-options.js";

const data = {
  options: [
    {
      type: T.Subcommand as const,
      name: "pick" as const,
      options: [
        { type: T.Integer as const, name: "number" as const, required: true as const },
        {
          type: T.String as const,
          name: "colour" as const,
          choices: [{ value: "red" as const }, { value: "blue" as const }],
        },
      ],
    },
    { type: T.Subcommand as const, name: "clear" as const, options: [] },
  ],
};

/** What discord.js puts in `interaction.options.data` for `/cmd pick …`. */
const given = (options: CommandInteractionOption[], name = "pick") => ({
  options: { data: [{ type: T.Subcommand, name, options }] as CommandInteractionOption[] },
});

describe("argumentsOf reads an interaction against its command's data", () => {
  test("GIVEN every option THEN each is there by name, with the subcommand", () => {
    const args = argumentsOf(
      data,
      given([
        { type: T.Integer, name: "number", value: 7 },
        { type: T.String, name: "colour", value: "blue" },
      ]),
    );
    expect(args).toEqual({ subcommand: "pick", number: 7, colour: "blue" });
  });

  test("GIVEN an optional option left out THEN it is null", () => {
    expect(argumentsOf(data, given([{ type: T.Integer, name: "number", value: 1 }]))).toEqual({
      subcommand: "pick",
      number: 1,
      colour: null,
    });
  });

  test("GIVEN a value outside the choices THEN it counts as not given", () => {
    const args = argumentsOf(
      data,
      given([
        { type: T.Integer, name: "number", value: 1 },
        { type: T.String, name: "colour", value: "green" },
      ]),
    );
    expect(args).toMatchObject({ colour: null });
  });

  test("GIVEN a required option missing or a subcommand not in the data THEN it throws", () => {
    expect(() => argumentsOf(data, given([]))).toThrow(/option number is required/);
    expect(() => argumentsOf(data, given([], "gone"))).toThrow(/subcommand gone/);
  });

  test("GIVEN the data THEN the types follow it: a renamed option breaks the build", () => {
    type Args = ArgumentsOf<typeof data>;
    expectTypeOf<Extract<Args, { subcommand: "pick" }>>().toEqualTypeOf<
      { subcommand: "pick" } & { number: number; colour: "red" | "blue" | null }
    >();
    const args = argumentsOf(data, given([{ type: T.Integer, name: "number", value: 1 }]));
    if (args.subcommand === "pick") {
      // @ts-expect-error: no option is named "count"; the data calls it "number".
      expect(args.count).toBeUndefined();
    }
  });
});
