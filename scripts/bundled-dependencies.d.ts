export declare const STARTUP_DEPENDENCIES: string[]
export declare const WORKER_DEPENDENCIES: string[]
