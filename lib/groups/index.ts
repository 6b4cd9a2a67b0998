// Channel groups in the manager area (docs/behaviour.md#manager-area): settings, members and channels, each
// change audited; and what the manager's screens read. Every function takes the
// acting user and refuses anyone but a manager.
export { createGroup, updateGroupSettings, type GroupSettings, type SettingsChange } from "./group-settings";
export { addGroupMember, removeGroupMember, setMemberCap, type MemberChange } from "./members";
export { addChannel, setChannelToken, setChannelWaba, moveChannel, setChannelActive, setChannelMenu, type ChannelView } from "./channels";
export { listGroups, readGroupDetails, readGroupHistory, type GroupSummary, type GroupDetails, type HistoryEntry, type MemberView } from "./queries";
export type { AuditChanges } from "./audit-log";
export { STRATEGIES, MAX_CAP, MAX_WELCOME_LENGTH, type Strategy } from "./rules";
