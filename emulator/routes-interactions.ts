import { discordErrors } from "./errors.js";
import type { RouteDeps } from "./route-deps.js";
import { route, type Route, type RouteContext } from "./router.js";
import type { InteractionCallback, SentMessageBody } from "./types.js";

/** Routes authorised by the interaction token in the path; discord.js sends no Authorization. */
export function interactionRoutes(deps: RouteDeps): Route[] {
  const { interactions } = deps;
  const p = (ctx: RouteContext, name: string) => ctx.params[name] ?? "";
  const body = (ctx: RouteContext) => (ctx.body ?? {}) as SentMessageBody;

  return [
    route(
      "POST",
      "/interactions/:interactionId/:token/callback",
      (ctx) => {
        const callback = ctx.body as InteractionCallback | undefined;
        if (typeof callback?.type !== "number")
          throw discordErrors.invalidFormBody("type: required");
        const response = interactions.acknowledge(
          p(ctx, "interactionId"),
          p(ctx, "token"),
          callback,
          ctx.files,
          ctx.arrivedAt,
        );
        return ctx.query.get("with_response") === "true"
          ? { status: 200, body: response }
          : { status: 204 };
      },
      "token",
    ),
    route(
      "POST",
      "/webhooks/:applicationId/:token",
      (ctx) => {
        const message = interactions.followUp(
          p(ctx, "applicationId"),
          p(ctx, "token"),
          body(ctx),
          ctx.files,
        );
        return ctx.query.get("wait") === "true" ? { status: 200, body: message } : { status: 204 };
      },
      "token",
    ),
    route(
      "GET",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (ctx) => ({
        status: 200,
        body: interactions.get(p(ctx, "applicationId"), p(ctx, "token"), p(ctx, "messageId")),
      }),
      "token",
    ),
    route(
      "PATCH",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (ctx) => ({
        status: 200,
        body: interactions.edit(
          p(ctx, "applicationId"),
          p(ctx, "token"),
          p(ctx, "messageId"),
          body(ctx),
          ctx.files,
        ),
      }),
      "token",
    ),
    route(
      "DELETE",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (ctx) => {
        interactions.delete(p(ctx, "applicationId"), p(ctx, "token"), p(ctx, "messageId"));
        return { status: 204 };
      },
      "token",
    ),
  ];
}
