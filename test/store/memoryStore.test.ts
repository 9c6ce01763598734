import { memoryStore } from '../../engine/store/memoryStore.ts';
import { storeContract } from './storeContract.ts';

storeContract('memoryStore', () => ({ open: () => memoryStore(), persistent: false }));
