// The team in the manager area: create users, reset passwords, deactivate and
// reactivate, list. Every function takes the acting user and refuses anyone but a manager.
export { createUser, resetPassword, type TeamUser } from "./users";
export { setUserRole, type UserRoleChange } from "./user-role";
export { setUserActive, type UserActiveChange } from "./user-active";
export { listTeam, type TeamMember } from "./list-team";
export { MIN_PASSWORD_LENGTH } from "./schemas";
export { signOutEverywhere, unlockSignIn } from "./sessions";
