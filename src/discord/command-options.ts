import {
  ApplicationCommandOptionType as Type,
  type CommandInteractionOption,
  type User,
} from "discord.js";

/**
 * A handler's options, typed from its command's data (discord-utils-bot's `ArgumentsOf`): a
 * renamed or retyped option in the data breaks the handler's build, not production.
 */
type OptionData = {
  readonly type: Type;
  readonly name: string;
  readonly required?: boolean;
  readonly choices?: readonly { readonly value: string | number }[];
  readonly options?: readonly OptionData[];
};

type CommandData = { readonly options?: readonly OptionData[] };

type Channel = NonNullable<CommandInteractionOption<"cached" | "raw">["channel"]>;

type ValueOf<O extends OptionData> = O extends {
  readonly choices: readonly { readonly value: infer V }[];
}
  ? V
  : O["type"] extends Type.String
    ? string
    : O["type"] extends Type.Integer | Type.Number
      ? number
      : O["type"] extends Type.Boolean
        ? boolean
        : O["type"] extends Type.User
          ? User
          : O["type"] extends Type.Channel
            ? Channel
            : never;

/** Each option by name; one the member may leave out is null when left out. */
type ValuesOf<Os> = Os extends readonly OptionData[]
  ? {
      [O in Os[number] as O["name"]]: O extends { readonly required: true }
        ? ValueOf<O>
        : ValueOf<O> | null;
    }
  : Record<never, never>;

type Subcommand<O> = O extends { readonly type: Type.Subcommand; readonly name: infer N }
  ? { subcommand: N } & ValuesOf<O extends { readonly options: infer Os } ? Os : never>
  : never;

type OptionsOf<C extends CommandData> = NonNullable<C["options"]>[number];

/** A command with subcommands gives a union keyed by `subcommand`; one without, its options. */
export type ArgumentsOf<C extends CommandData> = [
  Extract<OptionsOf<C>, { readonly type: Type.Subcommand }>,
] extends [never]
  ? ValuesOf<C["options"]>
  : Subcommand<OptionsOf<C>>;

export type SubcommandOf<C extends CommandData> = Extract<
  OptionsOf<C>,
  { readonly type: Type.Subcommand }
>["name"];

/** The names of a command's options, its subcommands' options included. */
export type OptionNameOf<C extends CommandData> =
  | Exclude<OptionsOf<C>, { readonly type: Type.Subcommand }>["name"]
  | NonNullable<
      Extract<OptionsOf<C>, { readonly type: Type.Subcommand }>["options"]
    >[number]["name"];

function valueOf(def: OptionData, given: CommandInteractionOption | undefined): unknown {
  const value =
    given === undefined
      ? undefined
      : def.type === Type.User
        ? given.user
        : def.type === Type.Channel
          ? given.channel
          : given.value;
  // Discord refuses a value outside the choices; one that got through counts as not given.
  const chosen =
    def.choices && !def.choices.some((choice) => choice.value === value) ? undefined : value;
  if (chosen === undefined && def.required)
    throw new Error(`option ${def.name} is required but came without a usable value`);
  return chosen ?? null;
}

function valuesOf(
  declared: readonly OptionData[],
  given: readonly CommandInteractionOption[],
): Record<string, unknown> {
  return Object.fromEntries(
    declared.map((def) => [
      def.name,
      valueOf(
        def,
        given.find((option) => option.name === def.name),
      ),
    ]),
  );
}

/** The options an interaction carries, read against the command's own data. */
export function argumentsOf<C extends CommandData>(
  data: C,
  interaction: { options: { readonly data: readonly CommandInteractionOption[] } },
): ArgumentsOf<C> {
  const declared = data.options ?? [];
  const given = interaction.options.data;
  const sub = given.find((option) => option.type === Type.Subcommand);
  if (!sub) return valuesOf(declared, given) as ArgumentsOf<C>;
  const def = declared.find(
    (option) => option.type === Type.Subcommand && option.name === sub.name,
  );
  if (!def) throw new Error(`subcommand ${sub.name} is not in the command's data`);
  return {
    subcommand: def.name,
    ...valuesOf(def.options ?? [], sub.options ?? []),
  } as ArgumentsOf<C>;
}

/** The subcommand an interaction (autocomplete included) names, typed by the command's data. */
export function subcommandOf<C extends CommandData>(
  data: C,
  interaction: { options: { getSubcommand(required: false): string | null } },
): SubcommandOf<C> | null {
  const name = interaction.options.getSubcommand(false);
  const known = (data.options ?? []).some(
    (option) => option.type === Type.Subcommand && option.name === name,
  );
  return known ? name : null;
}

/** The option an autocomplete asks about, its name typed by the command's data. */
export function focusedOf<C extends CommandData>(
  _data: C,
  interaction: { options: { getFocused(full: true): { name: string; value: string } } },
): { name: OptionNameOf<C>; value: string } {
  const { name, value } = interaction.options.getFocused(true);
  return { name, value };
}
