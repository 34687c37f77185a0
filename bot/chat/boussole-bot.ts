import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../../dialogs/main-dialog';

/** Set on a turn whose data was erased, so the end of the turn writes nothing back. */
export const ERASED = Symbol('erased');

/**
 * The Bot Framework face of the conversation: a welcome when the person joins, the main dialog for every
 * message, and both states saved once per turn (unless the person erased them).
 */
export class BoussoleBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  /** `admit` sees each message first: false when it answered it itself (a message too long, say). */
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    dialog: MainDialog,
    admit: (context: TurnContext) => Promise<boolean> = async () => true,
  ) {
    super();
    const dialogState: StatePropertyAccessor<DialogState> = conversationState.createProperty('dialogState');
    this.dialogs = new DialogSet(dialogState).add(dialog);

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (joined) await this.runDialog(context, true);
      await next();
    });
    this.onMessage(async (context, next) => {
      if (await admit(context)) await this.runDialog(context, false);
      await next();
    });
  }

  private async runDialog(context: TurnContext, joined: boolean): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = joined ? { status: DialogTurnStatus.empty } : await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty && !context.turnState.get(ERASED)) {
      if (joined) await dc.cancelAllDialogs();
      await dc.beginDialog(MainDialog.ID, { welcome: true });
    }
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    if (context.turnState.get(ERASED)) return;
    // Two records, written side by side.
    await Promise.all([this.conversationState.saveChanges(context, false), this.userState.saveChanges(context, false)]);
  }
}
