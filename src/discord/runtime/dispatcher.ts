// Routes every interaction to its command: chat input, autocomplete and buttons. It catches everything:
// expected user errors are shown as they are, anything else as an error id that matches a log line.
import { randomUUID } from "node:crypto";
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
} from "discord.js";
import { InputError, userMessageOf } from "../../core/errors.js";
import type { BotContext, Command } from "../interaction/commandModule.js";
import { renderError } from "../render/messages.js";
import { toReply } from "../interaction/reply.js";

/** Interaction tokens live 15 minutes; an answer after that cannot be delivered. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export type Dispatcher = (interaction: Interaction) => Promise<void>;

async function tell(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  reply: InteractionReplyOptions,
): Promise<void> {
  if (interaction.deferred || interaction.replied)
    await interaction.followUp({ ...reply, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
}

export function createDispatcher(commands: readonly Command[], ctx: BotContext): Dispatcher {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  const fail = async (
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    name: string,
    error: unknown,
  ): Promise<void> => {
    const words = userMessageOf(error);
    if (words !== null) {
      await tell(interaction, { content: words, allowedMentions: { parse: [] } });
      return;
    }
    const errorId = randomUUID().slice(0, 8);
    ctx.logger.error(
      { errorId, command: name, interaction: interaction.id, err: error },
      "interaction failed",
    );
    await tell(interaction, toReply(renderError(errorId)));
  };

  const guarded = async (
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    name: string,
    run: () => Promise<void>,
  ): Promise<void> => {
    try {
      await run();
    } catch (error) {
      // If even the error message cannot be delivered, the log line is all that is left.
      await fail(interaction, name, error).catch((e: unknown) => {
        ctx.logger.error(
          { command: name, interaction: interaction.id, err: e },
          "could not report an error to the user",
        );
      });
    }
  };

  const autocomplete = async (interaction: AutocompleteInteraction): Promise<void> => {
    const command = byName.get(interaction.commandName);
    try {
      if (command?.autocomplete) await command.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } catch (error) {
      ctx.logger.warn({ command: interaction.commandName, err: error }, "autocomplete failed");
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  };

  return async (interaction) => {
    if (Date.now() - interaction.createdTimestamp > TOKEN_LIFETIME_MS) {
      ctx.logger.warn(
        { interaction: interaction.id },
        "interaction older than its 15-minute token; not answered",
      );
      return;
    }
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) {
        await guarded(interaction, interaction.commandName, () =>
          Promise.reject(new InputError("This command is not available anymore.")),
        );
        return;
      }
      await guarded(interaction, command.data.name, () => command.execute(interaction, ctx));
      return;
    }
    if (interaction.isButton()) {
      const name = interaction.customId.split(":", 1)[0] ?? "";
      const command = byName.get(name);
      if (command?.button)
        await guarded(interaction, name, () => command.button?.(interaction, ctx) ?? Promise.resolve());
    }
  };
}
