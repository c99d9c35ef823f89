/** Lashkaripour (2021), The Cost of a Global Tariff War (JIE 131), as the tariffwar package solves it (spec tariffwar.md). */
export { lashkaripourModel, solveLashkaripour, type LashkaripourOutcome } from "./model.js";
export { lashkaripourParamsSchema, type LashkaripourParams } from "./params.js";
export { calibrateLashkaripour, elasticitiesOf, type LashkaripourBaseline } from "./baseline.js";
export { lashkaripourEconomy, MACHINE_EPSILON, type LashkaripourEconomy } from "./economy.js";
export { prepareSystem, evaluateSystem, systemResidual, newLashkaripourState, type LashkaripourSystem, type LashkaripourState } from "./equilibrium.js";
export { systemJacobian, newJacobianWorkspace } from "./jacobian.js";
export { solveSystem, SYSTEM_TOLERANCE, type SystemSolveOptions } from "./solve.js";
export { welfareChangePct, welfareChangeInDollars, lashkaripourOutcome } from "./outcome.js";
