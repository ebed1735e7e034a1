/** Who starts campaigns and orders (the API refuses viewers). */
export const CAN_START = new Set(['owner', 'approver']);
