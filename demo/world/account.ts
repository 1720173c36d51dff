/** Account Management in the demo account (issue 16): a complete primary contact and no security contact. */
import { awsError, type Handlers } from './types.js';

export const accountHandlers: Handlers = {
  GetContactInformation: () => ({
    ContactInformation: {
      FullName: 'Example Corp Cloud Team',
      AddressLine1: '1 Example Street',
      City: 'Dublin',
      PostalCode: 'D02 XY00',
      CountryCode: 'IE',
      PhoneNumber: '+353 1 555 0100',
      CompanyName: 'Example Corp',
    },
  }),
  GetAlternateContact: (_region, input) => {
    if (input.AlternateContactType === 'BILLING') {
      return {
        AlternateContact: {
          AlternateContactType: 'BILLING',
          Name: 'Finance',
          EmailAddress: 'finance@example.com',
          PhoneNumber: '+353 1 555 0101',
          Title: 'AP',
        },
      };
    }
    throw awsError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404);
  },
};
