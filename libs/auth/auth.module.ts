import { DynamicModule, Global, Module } from '@nestjs/common';
import { CallerAuthenticator } from './caller-authenticator.js';
import { PASSWORD_HASH_OPTIONS, PasswordHasher, type PasswordHashOptions } from './password-hasher.js';
import { TOKEN_OPTIONS, TokenService, type TokenOptions } from './token-service.js';

/** Password hashing, access tokens and the caller behind a token, for every module. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: { tokens: TokenOptions; passwords: PasswordHashOptions }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TOKEN_OPTIONS, useValue: options.tokens },
        { provide: PASSWORD_HASH_OPTIONS, useValue: options.passwords },
        TokenService,
        PasswordHasher,
        CallerAuthenticator,
      ],
      exports: [TokenService, PasswordHasher, CallerAuthenticator],
    };
  }
}
