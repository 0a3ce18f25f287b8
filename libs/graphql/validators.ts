import { Matches } from 'class-validator';

/** Some text besides white space. */
export const NotBlank = () => Matches(/\S/, { message: 'must not be empty' });
